import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import publishedProducts from '../generated/published-products.json';
import styles from './index.module.css';

const PRODUCTS = [
  {
    title: 'Payments',
    text: 'Take a payment from the customer’s account to yours, once or under a standing consent, and refund it.',
    to: '/docs/guides/stored-consent-rides',
  },
  {
    title: 'Checkout credit',
    text: 'Pay in 4 and monthly installments, decided instantly, with a disclosure for every offer.',
    to: '/docs/guides/checkout-credit',
  },
  {
    title: 'Credit scores',
    text: 'The customer’s score or band for a stated purpose, with the reasons behind it.',
    to: '/docs/guides/credit-scores',
  },
  {
    title: 'Credit lines',
    text: 'Draws at the point of purchase, instant limit boosts and limit offers.',
    to: '/docs/guides/credit-lines',
  },
];

/** Written by scripts/gen.mts from the document's product tags: empty for the committed document. */
const published = publishedProducts as {
  id: string;
  title: string;
  text: string;
  deprecated: boolean;
  to: string;
}[];

export default function Home() {
  return (
    <Layout title="Developers" description="Build on the bank's open APIs under the consent customers grant.">
      <header className={styles.hero}>
        <div className="container">
          <h1>Build on the bank, with your customers’ consent</h1>
          <p>
            Payments, credit scores and instant credit through one API: OAuth to FAPI 2.0, idempotent writes,
            signed webhooks, and a sandbox with customers and a clock of its own.
          </p>
          <div className={styles.cta}>
            <Link className="button button--primary button--lg" to="/docs/getting-started">
              Make a payment in 5 minutes
            </Link>
            <Link className="button button--secondary button--lg" to="/console">
              Open the console
            </Link>
          </div>
        </div>
      </header>
      <main className="container">
        <ul className={styles.grid}>
          {PRODUCTS.map((p) => (
            <li key={p.title} className={styles.card}>
              <h2>
                <Link to={p.to}>{p.title}</Link>
              </h2>
              <p>{p.text}</p>
            </li>
          ))}
          {/* The bank teams' published products, when the site is built from the merged document. */}
          {published.map((p) => (
            <li key={p.id} className={styles.card} data-product={p.id}>
              <h2>
                <Link to={p.to}>{p.title}</Link>
                {p.deprecated && <span className="badge badge--warning margin-left--sm">Deprecated</span>}
              </h2>
              <p>{p.text}</p>
            </li>
          ))}
        </ul>
        <p className={styles.more}>
          Reference: <Link to="/docs/api/tessera-api">API</Link> · <Link to="/errors">error codes</Link> ·{' '}
          <Link to="/docs/sdk">TypeScript SDK</Link> · <Link to="/docs/changelog">changelog</Link>
        </p>
      </main>
    </Layout>
  );
}
