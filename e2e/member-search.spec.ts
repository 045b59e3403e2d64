import { expect, signIn, test } from './fixtures';

test('an administrator finds members by words in any order and the heaviest members without a limit', async ({
  page,
}) => {
  await signIn(page, 'demo_admin');
  await page.getByRole('link', { name: 'Members' }).click();
  const table = page.getByRole('table', { name: 'Members' });
  await expect(table).toBeVisible({ timeout: 30_000 });

  // Words in any order, each anywhere in the name, username or email.
  const search = page.getByRole('searchbox', { name: 'Search members' });
  for (const query of ['patel sam', 'sam patel', 'PAT demo_mem']) {
    await search.fill(query);
    await expect(table.getByRole('button', { name: /Sam Patel demo_member/ })).toBeVisible();
  }
  await search.fill('patel zzzz');
  await expect(page.getByText('No members match this search and these filters.')).toBeVisible();
  await search.fill('');

  // Members without a limit show their usage this period, labelled, and sort heaviest first.
  await page.getByLabel('Credit status').selectOption({ label: 'No limit' });
  const header = table.getByRole('columnheader', { name: /Used \(this period\)/ });
  await expect(page.getByText(/for a member with no\s+limit, the last 30 days/)).toBeVisible();
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const usedCell = (i: number) =>
    table
      .getByRole('row')
      .nth(i + 1)
      .getByRole('cell')
      .nth(5);
  await expect(usedCell(0)).toHaveText(/last 30 d$/, { timeout: 30_000 });
  const used = [];
  for (let i = 0; i < 5; i++) {
    used.push(Number(((await usedCell(i).textContent()) ?? '').replace(/last 30 d|[^\d.]/g, '')));
  }
  expect(used[0]).toBeGreaterThan(0);
  expect(used).toEqual([...used].sort((a, b) => b - a));
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
});
