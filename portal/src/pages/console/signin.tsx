import { SignInForm } from '../../console/account';
import { ConsolePage } from '../../console/ui';

export default function SignIn() {
  return (
    <ConsolePage title="Sign in" signedIn={false}>
      {() => <SignInForm mode="signin" />}
    </ConsolePage>
  );
}
