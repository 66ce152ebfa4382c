import { AppsView } from '../../console/apps';
import { ConsolePage } from '../../console/ui';

export default function Console() {
  return <ConsolePage title="Your apps">{() => <AppsView />}</ConsolePage>;
}
