export function OverviewRoute() {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Overview</h1>
      </header>
    </div>
  );
}
