import { useSession } from '@/features/auth/components/session-context';
import { MembersPage } from '@/features/members/components/members-page';

export function MembersRoute() {
  const { client } = useSession();
  return (
    <div className="page">
      <header className="page-header">
        <h1>Members</h1>
      </header>
      <MembersPage client={client} />
    </div>
  );
}
