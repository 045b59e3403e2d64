export function UsageRoute() {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Usage</h1>
      </header>
    </div>
  );
}
