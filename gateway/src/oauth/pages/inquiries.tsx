import { Layout } from './layout';

export interface InquiryRow {
  requester: string;
  kind: 'soft' | 'hard';
  purpose: string;
  /** Human date. */
  when: string;
}

const PURPOSES: Record<string, string> = {
  checkout_credit: 'to offer you credit at checkout',
  account_review: 'to review your account',
  customer_instruction: 'because you asked them to',
  prequalification: 'to check which credit you prequalify for',
  credit_application: 'for an application for credit',
  loan_origination: 'because you took out a loan',
  credit_line: 'for your credit line',
};

export function purposeInWords(purpose: string): string {
  return PURPOSES[purpose] ?? purpose.replaceAll('_', ' ');
}

/** Who looked at the customer's credit, when and why (FCRA-style disclosure). */
export function InquiriesPage({
  customerName,
  inquiries,
}: {
  customerName: string;
  inquiries: InquiryRow[];
}) {
  return (
    <Layout title="Who checked your credit">
      <h1>Who checked your credit</h1>
      <p class="muted">Signed in as {customerName}.</p>
      <p>
        Soft checks (for example when an app shows you your score or a credit offer) never affect your credit
        score. Hard checks happen when you apply for credit, and count in your score for six months.
      </p>
      {inquiries.length === 0 ? (
        <p>No one has checked your credit.</p>
      ) : (
        <ul class="card-list">
          {inquiries.map((q) => (
            <li class="card">
              <h2>{q.requester}</h2>
              <p>
                {q.kind === 'hard' ? 'Hard check' : 'Soft check'} on {q.when}, {purposeInWords(q.purpose)}.
              </p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/account/consents">Apps connected to your account</a>
      </p>
    </Layout>
  );
}
