import type { FormEvent } from 'react';
import { ok, type Schema } from './api';
import { Field, fieldError, useAction } from './form';
import { DataTable, type TableSpec } from './list';
import { useSession } from './session';
import { formatMoney, formatTime, Loading, ProblemNotice, styles, useLoad } from './ui';

const CUSTOMERS: TableSpec<Schema<'DeveloperSandbox'>['customers'][number]> = {
  rowKey: (c) => c.id,
  columns: [
    { label: 'Login', cell: (c) => <code>{c.login}</code> },
    { label: 'Name', cell: (c) => c.name },
    { label: 'Deposit', cell: (c) => formatMoney(c.deposit_balance) },
    { label: 'Credit file', cell: (c) => (c.credit_frozen ? 'frozen' : 'open') },
  ],
};

/** The developer's sandbox world: its customers and its clock. */
export function SandboxView() {
  const { api } = useSession();
  const sandbox = useLoad(() => ok(api.GET('/v1/developer/sandbox')), [api]);
  const { busy, problem, run } = useAction();

  const advance = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const days = Number(new FormData(event.currentTarget).get('days'));
    return run(async () => {
      await ok(api.POST('/v1/developer/sandbox/clock/advance', { body: { days } }));
      await sandbox.reload();
    });
  };

  if (sandbox.error) return <ProblemNotice problem={sandbox.error} />;
  if (!sandbox.data) return <Loading what="your sandbox" />;
  const s = sandbox.data;
  return (
    <>
      <h1>Sandbox</h1>
      <section aria-labelledby="customers">
        <h2 id="customers">Customers</h2>
        <p>
          Sign in on the bank's pages as any of them with password <code>{s.password}</code> and one-time code{' '}
          <code>{s.one_time_code}</code>.
        </p>
        <DataTable rows={s.customers} spec={CUSTOMERS} />
      </section>
      <section aria-labelledby="clock">
        <h2 id="clock">Clock</h2>
        <p>
          Now in your sandbox: <strong data-testid="sandbox-now">{formatTime(s.clock.now)}</strong>
          {s.clock.offset_seconds
            ? ` (${Math.round(s.clock.offset_seconds / 86_400)} days ahead of real time)`
            : ' (real time)'}
          {s.clock.frozen ? ', frozen' : ''}.
        </p>
        {problem ? <ProblemNotice problem={problem} /> : null}
        <form onSubmit={advance} className={styles.form} aria-busy={busy}>
          <Field
            label="Advance by (days)"
            name="days"
            type="number"
            min={1}
            max={3660}
            defaultValue={1}
            required
            hint="Consents expire, offers lapse and installments fall due as if the time had passed. The clock never goes back."
            error={fieldError(problem, 'days')}
          />
          <button type="submit" className="button button--primary" disabled={busy}>
            Advance the clock
          </button>
        </form>
      </section>
    </>
  );
}
