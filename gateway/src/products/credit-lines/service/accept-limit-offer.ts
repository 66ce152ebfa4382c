import { type AnswerDeps, type AnswerOutcome, answerOffer } from './internal/answer-offer';

/** The customer accepts an offer on the bank's page: the line's limit rises at once. */
export function acceptLimitOffer({
  ctx,
  input,
}: {
  ctx: AnswerDeps;
  input: { offerId: string; customerId: string; publicUrl: string };
}): Promise<AnswerOutcome> {
  return answerOffer(ctx, { ...input, answer: 'accepted' });
}
