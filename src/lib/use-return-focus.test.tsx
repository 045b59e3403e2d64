import { describe, expect, it } from 'vitest';
import { useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useReturnFocus } from './use-return-focus';

/** A dialog opened from a button, without a Radix trigger (as the console's dialogs are). */
function Page({ removeOpener = false }: { removeOpener?: boolean }) {
  const [open, setOpen] = useState(false);
  const returnFocus = useReturnFocus(open);
  return (
    <main id="main" tabIndex={-1}>
      {!(removeOpener && open) && (
        <button type="button" onClick={() => setOpen(true)}>
          Edit price
        </button>
      )}
      <Dialog.Root open={open} onOpenChange={setOpen}>
        <Dialog.Portal>
          <Dialog.Content aria-describedby={undefined} onCloseAutoFocus={returnFocus}>
            <Dialog.Title>Price per credit</Dialog.Title>
            <input aria-label="Price" />
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </main>
  );
}

describe('useReturnFocus', () => {
  it('gives focus back to the button that opened the dialog', async () => {
    const user = userEvent.setup();
    render(<Page />);
    await user.click(screen.getByRole('button', { name: 'Edit price' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Price' })).toHaveFocus());
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Edit price' })).toHaveFocus());
  });

  it('gives it to the main region when that button has gone, never to the body', async () => {
    const user = userEvent.setup();
    render(<Page removeOpener />);
    await user.click(screen.getByRole('button', { name: 'Edit price' }));
    await screen.findByRole('dialog', { name: 'Price per credit' });
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.getByRole('main')).toHaveFocus());
  });
});
