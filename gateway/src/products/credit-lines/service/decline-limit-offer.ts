import { type AnswerDeps, type AnswerOutcome, answerOffer } from './internal/answer-offer';

/** The customer declines an offer on the bank's page; the cadence then waits 60 days. */
export function declineLimitOffer({
  ctx,
  input,
}: {
  ctx: AnswerDeps;
  input: { offerId: string; customerId: string; publicUrl: string };
}): Promise<AnswerOutcome> {
  return answerOffer(ctx, { ...input, answer: 'declined' });
}
