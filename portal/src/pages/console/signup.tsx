import { SignInForm } from '../../console/account';
import { ConsolePage } from '../../console/ui';

export default function SignUp() {
  return (
    <ConsolePage title="Create an account" signedIn={false}>
      {() => <SignInForm mode="signup" />}
    </ConsolePage>
  );
}
