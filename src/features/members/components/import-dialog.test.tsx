import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithUser } from '../../../../tests/render';
import { ImportDialog } from './import-dialog';

describe('importing while the member list is still loading', () => {
  it('checks the file once every member is in, not against the members read so far', async () => {
    const props = { open: true, rows: [], onClose: () => undefined, sumOfAllocations: 0 };
    const { user, rerender } = renderWithUser(<ImportDialog {...props} partial />);
    const dialog = screen.getByRole('dialog', { name: 'Import allocations' });
    await user.upload(
      within(dialog).getByLabelText('CSV file'),
      new File(['username,credits\nnot_loaded_yet,5\n'], 'a.csv', { type: 'text/csv' }),
    );
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      'Reading every member of the organization first',
    );
    // Not called unknown while the list is partial.
    await expect(
      within(dialog).findByRole('region', { name: 'Rows with problems' }, { timeout: 500 }),
    ).rejects.toThrow();

    // Every member loaded (and that name still not among them): now the file is checked.
    rerender(<ImportDialog {...props} partial={false} />);
    const problems = await within(dialog).findByRole('region', { name: 'Rows with problems' });
    expect(problems).toHaveTextContent('There is no member named not_loaded_yet in this organization.');
  });
});
