import { useState } from 'react';
import { ok, type Schema } from './api';
import { useAction } from './form';
import { ListTable, type TableSpec } from './list';
import { useSession } from './session';
import { formatTime, ProblemNotice, styles, useLoad } from './ui';

type Request = Schema<'GoLiveRequest'>;

/** For bank staff: partners asking to go live. Approval creates the live app; a rejection needs a reason. */
export function GoLiveReviews() {
  const { api } = useSession();
  const requests = useLoad(
    () =>
      ok(
        api.GET('/v1/developer/admin/go-live-requests', {
          params: { query: { status: 'requested', limit: 100 } },
        }),
      ),
    [api],
  );
  const { problem, run } = useAction();
  const [reasons, setReasons] = useState<Record<string, string>>({});

  const approve = (r: Request) =>
    run(async () => {
      await ok(
        api.POST('/v1/developer/admin/go-live-requests/{id}/approve', {
          params: { path: { id: r.id } },
          body: {},
        }),
      );
      await requests.reload();
    });
  const reject = (r: Request) =>
    run(async () => {
      await ok(
        api.POST('/v1/developer/admin/go-live-requests/{id}/reject', {
          params: { path: { id: r.id } },
          body: { reason: reasons[r.id]?.trim() ?? '' },
        }),
      );
      await requests.reload();
    });

  const table: TableSpec<Request> = {
    testId: 'go-live-reviews',
    rowKey: (r) => r.id,
    columns: [
      { label: 'Asked', cell: (r) => formatTime(r.created_at) },
      {
        label: 'Business',
        rowHeader: true,
        cell: (r) => (
          <>
            {r.business.legal_name} ({r.business.country}){' '}
            <a href={r.business.website}>{r.business.website}</a>
          </>
        ),
      },
      { label: 'Partner', cell: (r) => r.developer_email },
      {
        label: 'Payout account',
        cell: (r) => `${r.payout_account.holder_name} ····${r.payout_account.last4}`,
      },
      { label: 'Products', cell: (r) => r.products.join(', ') },
      {
        label: 'Reason (to reject)',
        cell: (r) => (
          <>
            <label className={styles.srOnly} htmlFor={`reason-${r.id}`}>
              Reason for rejecting {r.business.legal_name}
            </label>
            <input
              id={`reason-${r.id}`}
              className={styles.select}
              value={reasons[r.id] ?? ''}
              onChange={(e) => setReasons({ ...reasons, [r.id]: e.target.value })}
              maxLength={1000}
            />
          </>
        ),
      },
      {
        label: 'Decision',
        cell: (r) => (
          <div className={styles.actions}>
            <button
              type="button"
              className="button button--sm button--success"
              onClick={() => approve(r)}
              aria-label={`Approve going live for ${r.business.legal_name}`}
            >
              Approve
            </button>
            <button
              type="button"
              className="button button--sm button--danger"
              onClick={() => reject(r)}
              aria-label={`Reject going live for ${r.business.legal_name}`}
            >
              Reject
            </button>
          </div>
        ),
      },
    ],
  };
  return (
    <section aria-labelledby="go-live-reviews">
      <h2 id="go-live-reviews">Go-live requests</h2>
      {problem ? <ProblemNotice problem={problem} /> : null}
      <ListTable list={requests} what="go-live requests" empty="No go-live requests waiting." table={table} />
    </section>
  );
}
