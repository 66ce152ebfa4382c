DROP INDEX `credit_inquiries_customer_idx`;--> statement-breakpoint
DROP INDEX `credit_decisions_par_idx`;--> statement-breakpoint
CREATE INDEX `credit_decisions_par_idx` ON `credit_decisions` (`par_request_id`) WHERE "credit_decisions"."par_request_id" IS NOT NULL;