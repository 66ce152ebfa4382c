import { AppDetail } from '../../console/app-detail';
import { ConsolePage } from '../../console/ui';

export default function AppPage() {
  return <ConsolePage title="App">{() => <AppDetail />}</ConsolePage>;
}
