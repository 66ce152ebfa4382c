import { SandboxView } from '../../console/sandbox';
import { ConsolePage } from '../../console/ui';

export default function SandboxPage() {
  return <ConsolePage title="Sandbox">{() => <SandboxView />}</ConsolePage>;
}
