export function MembersRoute() {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Members</h1>
      </header>
    </div>
  );
}
