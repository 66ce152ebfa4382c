import { Layout } from './layout';

export interface MessagePageProps {
  title: string;
  message: string;
  linkHref?: string | undefined;
  linkText?: string | undefined;
}

/** A page with one message, e.g. "This request has expired", and an optional way on. */
export function MessagePage({ title, message, linkHref, linkText }: MessagePageProps) {
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      {linkHref && (
        <p>
          <a href={linkHref}>{linkText ?? 'Continue'}</a>
        </p>
      )}
    </Layout>
  );
}
