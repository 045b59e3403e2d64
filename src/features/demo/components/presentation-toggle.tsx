import * as Switch from '@radix-ui/react-switch';
import { usePresentationMode } from '@/lib/presentation';
import '../demo.css';

/** The header's "Presentation mode" switch (D3): larger KPIs, names and emails masked. */
export function PresentationToggle() {
  const [enabled, setEnabled] = usePresentationMode();
  return (
    <div className="presentation-toggle">
      <label htmlFor="presentation-mode" className="presentation-toggle-label">
        Presentation mode
      </label>
      <Switch.Root
        id="presentation-mode"
        className="switch"
        checked={enabled}
        onCheckedChange={setEnabled}
        aria-describedby="presentation-mode-hint"
      >
        <Switch.Thumb className="switch-thumb" />
      </Switch.Root>
      <span id="presentation-mode-hint" className="visually-hidden">
        Larger key figures; member names and emails replaced by aliases on screen and in exports.
      </span>
    </div>
  );
}
