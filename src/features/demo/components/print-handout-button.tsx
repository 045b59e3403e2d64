import '../demo.css';

/** "Print / Save as PDF" (D4): the print stylesheet turns the Overview into a one- or two-page handout. */
export function PrintHandoutButton() {
  return (
    <button type="button" className="button button-secondary print-hide" onClick={() => window.print()}>
      Print / Save as PDF
    </button>
  );
}
