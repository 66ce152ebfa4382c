CREATE TABLE `credit_line_draws` (
	`id` text PRIMARY KEY NOT NULL,
	`line_id` text NOT NULL,
	`app_id` text NOT NULL,
	`mode` text NOT NULL,
	`consent_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`order_reference` text NOT NULL,
	`status` text NOT NULL,
	`decision_id` text NOT NULL,
	`reasons` text NOT NULL,
	`boost_from` integer,
	`boost_to` integer,
	`fee` integer DEFAULT 0 NOT NULL,
	`fee_refunded` integer DEFAULT 0 NOT NULL,
	`amount_refunded` integer DEFAULT 0 NOT NULL,
	`request_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`line_id`) REFERENCES `credit_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decision_id`) REFERENCES `credit_decisions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "credit_line_draws_amount_positive" CHECK("credit_line_draws"."amount" > 0),
	CONSTRAINT "credit_line_draws_fee_within_amount" CHECK("credit_line_draws"."fee" >= 0 AND "credit_line_draws"."fee" <= "credit_line_draws"."amount"),
	CONSTRAINT "credit_line_draws_fee_refunded_within_fee" CHECK("credit_line_draws"."fee_refunded" >= 0 AND "credit_line_draws"."fee_refunded" <= "credit_line_draws"."fee"),
	CONSTRAINT "credit_line_draws_refunds_within_amount" CHECK("credit_line_draws"."amount_refunded" >= 0 AND "credit_line_draws"."amount_refunded" <= "credit_line_draws"."amount"),
	CONSTRAINT "credit_line_draws_boost_pair" CHECK(("credit_line_draws"."boost_from" IS NULL) = ("credit_line_draws"."boost_to" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_line_draws_decision_uq` ON `credit_line_draws` (`decision_id`);--> statement-breakpoint
CREATE INDEX `credit_line_draws_line_idx` ON `credit_line_draws` (`line_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `credit_line_limit_offers` (
	`id` text PRIMARY KEY NOT NULL,
	`line_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`statement_id` text NOT NULL,
	`app_id` text NOT NULL,
	`mode` text NOT NULL,
	`currency` text NOT NULL,
	`current_limit` integer NOT NULL,
	`offered_limit` integer NOT NULL,
	`status` text NOT NULL,
	`score_band` text NOT NULL,
	`experiment_arm` text NOT NULL,
	`model_version` text NOT NULL,
	`pd` real NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`answered_at` integer,
	FOREIGN KEY (`line_id`) REFERENCES `credit_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`statement_id`) REFERENCES `credit_line_statements`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "credit_line_limit_offers_raise" CHECK("credit_line_limit_offers"."offered_limit" > "credit_line_limit_offers"."current_limit"),
	CONSTRAINT "credit_line_limit_offers_status" CHECK("credit_line_limit_offers"."status" IN ('offered', 'accepted', 'declined', 'expired') AND ("credit_line_limit_offers"."status" = 'offered') = ("credit_line_limit_offers"."answered_at" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_line_limit_offers_statement_uq` ON `credit_line_limit_offers` (`line_id`,`statement_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `credit_line_limit_offers_pending_uq` ON `credit_line_limit_offers` (`line_id`) WHERE "credit_line_limit_offers"."status" = 'offered';--> statement-breakpoint
CREATE INDEX `credit_line_limit_offers_line_idx` ON `credit_line_limit_offers` (`line_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `credit_line_limit_offers_customer_idx` ON `credit_line_limit_offers` (`customer_id`,`answered_at`);--> statement-breakpoint
CREATE INDEX `credit_line_limit_offers_expiry_idx` ON `credit_line_limit_offers` (`status`,`expires_at`);--> statement-breakpoint
CREATE TABLE `credit_line_payments` (
	`id` text PRIMARY KEY NOT NULL,
	`line_id` text NOT NULL,
	`statement_id` text,
	`app_id` text NOT NULL,
	`mode` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`source` text NOT NULL,
	`request_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`line_id`) REFERENCES `credit_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`statement_id`) REFERENCES `credit_line_statements`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "credit_line_payments_amount_positive" CHECK("credit_line_payments"."amount" > 0)
);
--> statement-breakpoint
CREATE INDEX `credit_line_payments_line_idx` ON `credit_line_payments` (`line_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `credit_line_refunds` (
	`id` text PRIMARY KEY NOT NULL,
	`draw_id` text NOT NULL,
	`line_id` text NOT NULL,
	`app_id` text NOT NULL,
	`mode` text NOT NULL,
	`amount` integer NOT NULL,
	`returned_to_customer` integer DEFAULT 0 NOT NULL,
	`fee` integer DEFAULT 0 NOT NULL,
	`currency` text NOT NULL,
	`reason` text,
	`request_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`draw_id`) REFERENCES `credit_line_draws`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`line_id`) REFERENCES `credit_lines`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "credit_line_refunds_amounts" CHECK("credit_line_refunds"."amount" > 0 AND "credit_line_refunds"."returned_to_customer" >= 0 AND "credit_line_refunds"."returned_to_customer" <= "credit_line_refunds"."amount")
);
--> statement-breakpoint
CREATE INDEX `credit_line_refunds_draw_idx` ON `credit_line_refunds` (`draw_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `credit_line_refunds_line_idx` ON `credit_line_refunds` (`line_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `credit_line_statements` (
	`id` text PRIMARY KEY NOT NULL,
	`line_id` text NOT NULL,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`issued_at` integer NOT NULL,
	`currency` text NOT NULL,
	`opening_balance` integer NOT NULL,
	`draws_total` integer NOT NULL,
	`payments_total` integer NOT NULL,
	`refunds_total` integer NOT NULL,
	`interest` integer NOT NULL,
	`statement_balance` integer NOT NULL,
	`minimum_payment` integer NOT NULL,
	`due_at` integer NOT NULL,
	`paid_total` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`utilization` real NOT NULL,
	`repayment_id` text,
	FOREIGN KEY (`line_id`) REFERENCES `credit_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`repayment_id`) REFERENCES `repayments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "credit_line_statements_amounts" CHECK("credit_line_statements"."statement_balance" >= 0 AND "credit_line_statements"."minimum_payment" >= 0 AND "credit_line_statements"."minimum_payment" <= "credit_line_statements"."statement_balance" AND "credit_line_statements"."interest" >= 0 AND "credit_line_statements"."paid_total" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_line_statements_period_uq` ON `credit_line_statements` (`line_id`,`period_end`);--> statement-breakpoint
CREATE INDEX `credit_line_statements_due_idx` ON `credit_line_statements` (`status`,`due_at`);--> statement-breakpoint
CREATE TABLE `credit_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`app_id` text NOT NULL,
	`mode` text NOT NULL,
	`sandbox_id` text,
	`customer_id` text NOT NULL,
	`consent_id` text NOT NULL,
	`decision_id` text NOT NULL,
	`currency` text NOT NULL,
	`credit_limit` integer NOT NULL,
	`balance` integer DEFAULT 0 NOT NULL,
	`apr` real NOT NULL,
	`status` text NOT NULL,
	`instant_boost` integer NOT NULL,
	`autopay` text DEFAULT 'minimum' NOT NULL,
	`statement_day` integer NOT NULL,
	`next_statement_at` integer NOT NULL,
	`receivable_account_id` text NOT NULL,
	`merchant_account_id` text NOT NULL,
	`deposit_account_id` text NOT NULL,
	`customer_account_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decision_id`) REFERENCES `credit_decisions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "credit_lines_balance_non_negative" CHECK("credit_lines"."balance" >= 0),
	CONSTRAINT "credit_lines_limit_positive" CHECK("credit_lines"."credit_limit" > 0),
	CONSTRAINT "credit_lines_statement_day" CHECK("credit_lines"."statement_day" BETWEEN 1 AND 28),
	CONSTRAINT "credit_lines_version_current" CHECK("credit_lines"."version" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_lines_consent_uq` ON `credit_lines` (`consent_id`);--> statement-breakpoint
CREATE INDEX `credit_lines_app_idx` ON `credit_lines` (`app_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `credit_lines_customer_idx` ON `credit_lines` (`customer_id`,`status`);--> statement-breakpoint
CREATE INDEX `credit_lines_statement_due_idx` ON `credit_lines` (`status`,`next_statement_at`);