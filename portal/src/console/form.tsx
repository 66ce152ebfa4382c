import { type InputHTMLAttributes, type ReactNode, useCallback, useId, useState } from 'react';
import { ApiProblem } from './api';
import { styles } from './ui';

/** A labelled input; `hint` and field errors are tied to it for screen readers. */
export function Field({
  label,
  hint,
  error,
  ...input
}: { label: string; hint?: ReactNode; error?: string | undefined } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const described = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-describedby={described} aria-invalid={error ? true : undefined} {...input} />
      {hint ? (
        <small id={hintId} className={styles.muted}>
          {hint}
        </small>
      ) : null}
      {error ? (
        <small id={errorId} className={styles.error}>
          {error}
        </small>
      ) : null}
    </div>
  );
}

export function fieldError(problem: unknown, path: string): string | undefined {
  if (!(problem instanceof ApiProblem)) return undefined;
  return problem.errors.find(
    (e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`),
  )?.message;
}

/**
 * A change the developer asked for: `busy` while it runs, the problem it ended with (cleared when
 * it runs again). `run` resolves whether it succeeded.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const run = useCallback(async (change: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await change();
      return true;
    } catch (err) {
      setProblem(err);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, problem, run };
}
