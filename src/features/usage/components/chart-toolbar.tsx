export interface ChartToolbarProps {
  showTable: boolean;
  onToggleTable(): void;
  onDownload?: () => void;
  /** Names what the buttons act on when a page has several charts. */
  subject?: string;
}

/** "Show as table" toggle and CSV download for a chart. */
export function ChartToolbar({ showTable, onToggleTable, onDownload, subject }: ChartToolbarProps) {
  return (
    <div className="usage-toolbar">
      <button
        type="button"
        className="button button-secondary button-small"
        aria-pressed={showTable}
        onClick={onToggleTable}
      >
        {showTable ? 'Show as chart' : 'Show as table'}
        {subject && <span className="visually-hidden"> ({subject})</span>}
      </button>
      {onDownload && (
        <button type="button" className="button button-secondary button-small" onClick={onDownload}>
          Download CSV
          {subject && <span className="visually-hidden"> ({subject})</span>}
        </button>
      )}
    </div>
  );
}
