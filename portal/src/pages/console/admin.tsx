import { AdminView } from '../../console/admin';
import { ConsolePage } from '../../console/ui';

export default function AdminPage() {
  return <ConsolePage title="Admin">{() => <AdminView />}</ConsolePage>;
}
