export type { ClientCredentials } from './auth/client-auth.js';
export type {
  AuthorizationRequest,
  AuthorizationServerMetadata,
  AuthorizationUrlParams,
  ExchangeCodeParams,
  OAuth,
} from './auth/oauth.js';
export {
  CustomerSession,
  type SessionHooks,
  type SessionSnapshot,
  type TokenResponse,
} from './auth/session.js';
export { Tessera, type TesseraOptions } from './client.js';
export {
  ApiError,
  AuthenticationError,
  type ClientErrorCode,
  ConnectionError,
  type ErrorCode,
  type FieldError,
  IdempotencyError,
  InvalidRequestError,
  NotFoundError,
  type OAuthErrorCode,
  PermissionError,
  RateLimitError,
  TesseraError,
  WebhookVerificationError,
} from './core/errors.js';
export { type ListObject, ListPromise } from './core/pagination.js';
export type {
  AccessToken,
  ApiInit,
  ApiResponse,
  HttpMethod,
  PathsWith,
  RequestOptions,
} from './core/requester.js';
export type { CallOptions, FetchLike } from './core/transport.js';
export type { WebCryptoKey, WebCryptoKeyPair } from './core/web-crypto.js';
export type { components, operations, paths } from './generated/openapi.js';
export type { OperationId, ProblemCode } from './generated/operations.js';
export type { Consent, Consents } from './resources/consents.js';
export type {
  CreditLineDraw,
  CreditLineDrawCreateParams,
  CreditLineDrawListParams,
  CreditLineDraws,
  CreditLineRefund,
  CreditLineRefundCreateParams,
  CreditLineRefunds,
} from './resources/credit-line-draws.js';
export type {
  CreditLineLimitOffers,
  LimitOffer,
  LimitOfferListParams,
} from './resources/credit-line-offers.js';
export type { CreditLine, CreditLineListParams, CreditLines } from './resources/credit-lines.js';
export type { CreditScore, CreditScores } from './resources/credit-score.js';
export type { EventListParams, EventRedelivery, Events } from './resources/events.js';
export type {
  FundsConfirmation,
  FundsConfirmationCreateParams,
  FundsConfirmations,
} from './resources/funds-confirmations.js';
export type {
  LoanOffer,
  LoanOfferCreateParams,
  LoanOfferSet,
  LoanOffers,
} from './resources/loan-offers.js';
export type { LoanRefund, LoanRefundCreateParams, LoanRefunds } from './resources/loan-refunds.js';
export type {
  LoanRepayment,
  LoanRepaymentCreateParams,
  LoanRepayments,
} from './resources/loan-repayments.js';
export type {
  Loan,
  LoanCreateParams,
  LoanInstallment,
  LoanListParams,
  Loans,
} from './resources/loans.js';
export type { Payment, PaymentCreateParams, PaymentListParams, Payments } from './resources/payments.js';
export type {
  DecisionReason,
  Prequalification,
  PrequalificationCreateParams,
  Prequalifications,
} from './resources/prequalifications.js';
export type { Refund, RefundCreateParams, RefundListParams, Refunds } from './resources/refunds.js';
export type { ResourceSet } from './resources/resource-set.js';
export type {
  AuthorizationDetail,
  Sandbox,
  SandboxAuthorization,
  SandboxAuthorizeParams,
  SandboxClock,
  SandboxClockAdvanceParams,
} from './resources/sandbox.js';
export type {
  WebhookDeliveryAttempt,
  WebhookDeliveryListParams,
  WebhookEndpoint,
  WebhookEndpointCreateParams,
  WebhookEndpointListParams,
  WebhookEndpoints,
  WebhookEndpointUpdateParams,
  WebhookEndpointWithSecret,
  WebhookTestEvent,
  WebhookTestEventParams,
} from './resources/webhook-endpoints.js';
export type { Webhooks } from './resources/webhooks.js';
export type { EventObjects, EventType, TesseraEvent, TesseraEventOf } from './webhooks/events.js';
export {
  type VerifyWebhookOptions,
  verifyWebhook,
  WEBHOOK_TOLERANCE_SECONDS,
  type WebhookHeaders,
} from './webhooks/verify.js';
