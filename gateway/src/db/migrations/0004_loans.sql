CREATE TABLE `credit_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`app_id` text NOT NULL,
	`mode` text NOT NULL,
	`customer_id` text NOT NULL,
	`consent_id` text,
	`par_request_id` text,
	`product` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`order_reference` text,
	`line_items` text,
	`outcome` text NOT NULL,
	`reasons` text NOT NULL,
	`limit_amount` integer NOT NULL,
	`apr_tier` real,
	`features` text,
	`pd` real,
	`score` integer,
	`model_version` text,
	`strategy_version` text NOT NULL,
	`experiment_arm` text NOT NULL,
	`monthly_income` integer NOT NULL,
	`monthly_obligations` integer NOT NULL,
	`outstanding_credit` integer NOT NULL,
	`risk` text,
	`device_jkt` text,
	`request_country` text,
	`inquiry_id` text,
	`request_id` text,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "credit_decisions_amount_positive" CHECK("credit_decisions"."amount" > 0)
);
--> statement-breakpoint
CREATE INDEX `credit_decisions_customer_idx` ON `credit_decisions` (`customer_id`,`kind`,`created_at`);--> statement-breakpoint
CREATE INDEX `credit_decisions_app_idx` ON `credit_decisions` (`app_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `credit_decisions_par_idx` ON `credit_decisions` (`par_request_id`);--> statement-breakpoint
CREATE TABLE `loan_installments` (
	`id` text PRIMARY KEY NOT NULL,
	`loan_id` text NOT NULL,
	`number` integer NOT NULL,
	`due_at` integer NOT NULL,
	`amount` integer NOT NULL,
	`principal` integer NOT NULL,
	`interest` integer NOT NULL,
	`status` text NOT NULL,
	`paid_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_attempt_at` integer,
	`next_attempt_at` integer NOT NULL,
	`missed_at` integer,
	`late_at` integer,
	`repayment_id` text,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "loan_installments_parts" CHECK("loan_installments"."amount" = "loan_installments"."principal" + "loan_installments"."interest"),
	CONSTRAINT "loan_installments_non_negative" CHECK("loan_installments"."principal" >= 0 AND "loan_installments"."interest" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `loan_installments_number_uq` ON `loan_installments` (`loan_id`,`number`);--> statement-breakpoint
CREATE INDEX `loan_installments_due_idx` ON `loan_installments` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `loan_offers` (
	`id` text PRIMARY KEY NOT NULL,
	`decision_id` text NOT NULL,
	`app_id` text NOT NULL,
	`mode` text NOT NULL,
	`customer_id` text NOT NULL,
	`consent_id` text,
	`plan` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`apr` real NOT NULL,
	`finance_charge` integer NOT NULL,
	`total_of_payments` integer NOT NULL,
	`schedule` text NOT NULL,
	`order_reference` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`accepted_at` integer,
	FOREIGN KEY (`decision_id`) REFERENCES `credit_decisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `loan_offers_decision_idx` ON `loan_offers` (`decision_id`);--> statement-breakpoint
CREATE TABLE `loan_refunds` (
	`id` text PRIMARY KEY NOT NULL,
	`loan_id` text NOT NULL,
	`app_id` text NOT NULL,
	`mode` text NOT NULL,
	`amount` integer NOT NULL,
	`principal_reduced` integer NOT NULL,
	`returned_to_customer` integer NOT NULL,
	`currency` text NOT NULL,
	`reason` text,
	`request_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "loan_refunds_parts" CHECK("loan_refunds"."amount" = "loan_refunds"."principal_reduced" + "loan_refunds"."returned_to_customer" AND "loan_refunds"."amount" > 0)
);
--> statement-breakpoint
CREATE INDEX `loan_refunds_loan_idx` ON `loan_refunds` (`loan_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `loan_repayments` (
	`id` text PRIMARY KEY NOT NULL,
	`loan_id` text NOT NULL,
	`app_id` text NOT NULL,
	`mode` text NOT NULL,
	`amount` integer NOT NULL,
	`principal` integer NOT NULL,
	`interest` integer NOT NULL,
	`currency` text NOT NULL,
	`request_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "loan_repayments_parts" CHECK("loan_repayments"."amount" = "loan_repayments"."principal" + "loan_repayments"."interest" AND "loan_repayments"."amount" > 0)
);
--> statement-breakpoint
CREATE INDEX `loan_repayments_loan_idx` ON `loan_repayments` (`loan_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `loans` (
	`id` text PRIMARY KEY NOT NULL,
	`app_id` text NOT NULL,
	`mode` text NOT NULL,
	`sandbox_id` text,
	`customer_id` text NOT NULL,
	`consent_id` text NOT NULL,
	`one_off_consent_id` text,
	`offer_id` text NOT NULL,
	`decision_id` text NOT NULL,
	`plan` text NOT NULL,
	`apr` real NOT NULL,
	`principal` integer NOT NULL,
	`currency` text NOT NULL,
	`principal_outstanding` integer NOT NULL,
	`amount_refunded` integer DEFAULT 0 NOT NULL,
	`interest_paid` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`order_reference` text,
	`receivable_account_id` text NOT NULL,
	`merchant_account_id` text NOT NULL,
	`deposit_account_id` text NOT NULL,
	`customer_account_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`request_id` text,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offer_id`) REFERENCES `loan_offers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decision_id`) REFERENCES `credit_decisions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "loans_principal_positive" CHECK("loans"."principal" > 0),
	CONSTRAINT "loans_outstanding_within_principal" CHECK("loans"."principal_outstanding" >= 0 AND "loans"."principal_outstanding" <= "loans"."principal"),
	CONSTRAINT "loans_refunds_within_principal" CHECK("loans"."amount_refunded" >= 0 AND "loans"."amount_refunded" <= "loans"."principal"),
	CONSTRAINT "loans_version_current" CHECK("loans"."version" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `loans_offer_uq` ON `loans` (`offer_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `loans_decision_uq` ON `loans` (`decision_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `loans_one_off_consent_uq` ON `loans` (`one_off_consent_id`);--> statement-breakpoint
CREATE INDEX `loans_app_idx` ON `loans` (`app_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `loans_customer_idx` ON `loans` (`customer_id`,`status`);--> statement-breakpoint
CREATE INDEX `loans_sandbox_status_idx` ON `loans` (`mode`,`sandbox_id`,`status`);