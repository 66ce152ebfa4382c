/**
 * The sandbox customers of DOMAIN.md as RAW bank records. Nothing here states a feature: the
 * scorecard must compute late payments, utilization, history, inquiries and product mix from
 * these accounts, repayments and inquiries, as of the sandbox clock. Times are relative to the
 * moment a sandbox is seeded. Amounts are USD cents.
 */
export interface SandboxAccountSpec {
  kind: 'card' | 'credit_line' | 'installment_loan' | 'mortgage';
  openedMonthsAgo: number;
  /** Revolving accounts only. */
  limit?: number;
  balance?: number;
  /** Monthly repayments due on this account over the last `history` months, all paid on time. */
  onTimeMonths?: number;
  /** Repayments that were late or are unpaid: days since due, and days late (null = unpaid). */
  exceptions?: { dueDaysAgo: number; paidDaysLate: number | null }[];
  closedMonthsAgo?: number;
}

export interface SandboxCustomerSpec {
  login: string;
  name: string;
  homeCountry: string;
  monthlyIncome: number;
  monthlyDebtObligations: number;
  deposit: number;
  creditFrozen?: boolean;
  accounts: SandboxAccountSpec[];
  /** Days ago. Hard inquiries older than 183 days are on file but out of the scorecard's window. */
  hardInquiriesDaysAgo: number[];
  softInquiriesDaysAgo?: number[];
  sharedDevice?: boolean;
}

export const SANDBOX_CUSTOMERS: SandboxCustomerSpec[] = [
  {
    login: 'ava',
    name: 'Ava Thompson',
    homeCountry: 'US',
    monthlyIncome: 850_000,
    monthlyDebtObligations: 120_000,
    deposit: 1_200_000,
    accounts: [
      { kind: 'card', openedMonthsAgo: 120, limit: 1_000_000, balance: 100_000, onTimeMonths: 24 },
      { kind: 'installment_loan', openedMonthsAgo: 40, onTimeMonths: 24 },
    ],
    hardInquiriesDaysAgo: [400],
    softInquiriesDaysAgo: [20],
  },
  {
    login: 'ben',
    name: 'Ben Okafor',
    homeCountry: 'US',
    monthlyIncome: 1_500_000,
    monthlyDebtObligations: 250_000,
    deposit: 4_000_000,
    accounts: [
      // A late payment 30 months ago: on file, outside the 24-month window.
      {
        kind: 'card',
        openedMonthsAgo: 240,
        limit: 2_000_000,
        balance: 100_000,
        onTimeMonths: 24,
        exceptions: [{ dueDaysAgo: 915, paidDaysLate: 45 }],
      },
      { kind: 'mortgage', openedMonthsAgo: 100, onTimeMonths: 24 },
      { kind: 'installment_loan', openedMonthsAgo: 30, onTimeMonths: 24 },
    ],
    hardInquiriesDaysAgo: [],
  },
  {
    login: 'cam',
    name: 'Cam Rivera',
    homeCountry: 'US',
    monthlyIncome: 180_000,
    monthlyDebtObligations: 15_000,
    deposit: 60_000,
    accounts: [{ kind: 'card', openedMonthsAgo: 8, limit: 100_000, balance: 30_000, onTimeMonths: 7 }],
    hardInquiriesDaysAgo: [100],
    softInquiriesDaysAgo: [10, 40],
  },
  {
    login: 'dee',
    name: 'Dee Walker',
    homeCountry: 'US',
    monthlyIncome: 420_000,
    monthlyDebtObligations: 140_000,
    deposit: 150_000,
    accounts: [
      {
        kind: 'card',
        openedMonthsAgo: 36,
        limit: 400_000,
        balance: 200_000,
        onTimeMonths: 24,
        // Paid 45 days late (counts); paid 20 days late (does not: 30 days is the line).
        exceptions: [
          { dueDaysAgo: 200, paidDaysLate: 45 },
          { dueDaysAgo: 320, paidDaysLate: 20 },
        ],
      },
    ],
    hardInquiriesDaysAgo: [30, 120, 300],
  },
  {
    login: 'eli',
    name: 'Eli Novak',
    homeCountry: 'US',
    monthlyIncome: 300_000,
    monthlyDebtObligations: 80_000,
    deposit: 20_000,
    accounts: [
      {
        kind: 'card',
        openedMonthsAgo: 24,
        limit: 200_000,
        balance: 180_000,
        onTimeMonths: 12,
        // Two paid more than 30 days late and one unpaid for 60 days: three late payments.
        // The one due 20 days ago is unpaid but not yet 30 days overdue.
        exceptions: [
          { dueDaysAgo: 400, paidDaysLate: 40 },
          { dueDaysAgo: 250, paidDaysLate: 35 },
          { dueDaysAgo: 60, paidDaysLate: null },
          { dueDaysAgo: 20, paidDaysLate: null },
        ],
      },
    ],
    hardInquiriesDaysAgo: [10, 50, 150, 200],
  },
  {
    login: 'fay',
    name: 'Fay Lindqvist',
    homeCountry: 'US',
    monthlyIncome: 600_000,
    monthlyDebtObligations: 90_000,
    deposit: 300_000,
    accounts: [{ kind: 'card', openedMonthsAgo: 96, limit: 500_000, balance: 475_000, onTimeMonths: 24 }],
    hardInquiriesDaysAgo: [90],
  },
  {
    login: 'gus',
    name: 'Gus Moreau',
    homeCountry: 'US',
    monthlyIncome: 800_000,
    monthlyDebtObligations: 100_000,
    deposit: 500_000,
    accounts: [
      { kind: 'card', openedMonthsAgo: 120, limit: 1_000_000, balance: 100_000, onTimeMonths: 24 },
      { kind: 'installment_loan', openedMonthsAgo: 50, onTimeMonths: 24 },
    ],
    hardInquiriesDaysAgo: [],
    sharedDevice: true,
  },
  {
    login: 'hal',
    name: 'Hal Brennan',
    homeCountry: 'US',
    monthlyIncome: 500_000,
    monthlyDebtObligations: 60_000,
    deposit: 200_000,
    creditFrozen: true,
    accounts: [{ kind: 'card', openedMonthsAgo: 60, limit: 500_000, balance: 100_000, onTimeMonths: 24 }],
    hardInquiriesDaysAgo: [],
  },
];

/**
 * The device `gus` shares with three other customers: its DPoP key is published for the sandbox
 * so partners can reproduce a `linked_devices` decision. Never a live key.
 */
export const SANDBOX_SHARED_DEVICE_JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: 'rMxvr9oQyPLjkjG5MCPuXF4YVja4AMIzT48pP9vy7sI',
  y: 'Kno5kBxtcAWSom2HIw8cp7wSnReHfVcVcLgRe3Xgsuc',
  d: '_OSug8j2Da6E7hhs9_LZ7p5PJK5kgv7B_mtbhNNXoCE',
} as const;

export const SANDBOX_PASSWORD = 'sandbox';
export const SANDBOX_ONE_TIME_CODE = '123456';
