CREATE TABLE `balance_transactions` (
	`id` text PRIMARY KEY NOT NULL,
	`mode` text NOT NULL,
	`account_id` text NOT NULL,
	`app_id` text,
	`journal_id` text NOT NULL,
	`type` text NOT NULL,
	`amount` integer NOT NULL,
	`fee` integer NOT NULL,
	`net` integer NOT NULL,
	`currency` text NOT NULL,
	`source` text NOT NULL,
	`available_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `ledger_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`journal_id`) REFERENCES `journals`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "balance_transactions_parts" CHECK("balance_transactions"."amount" = "balance_transactions"."net" + "balance_transactions"."fee")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `balance_transactions_movement_uq` ON `balance_transactions` (`journal_id`,`account_id`);--> statement-breakpoint
CREATE INDEX `balance_transactions_account_idx` ON `balance_transactions` (`account_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `balance_transactions_source_idx` ON `balance_transactions` (`source`);--> statement-breakpoint
CREATE TABLE `payout_accounts` (
	`app_id` text PRIMARY KEY NOT NULL,
	`mode` text NOT NULL,
	`account_number` text NOT NULL,
	`holder_name` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `payouts` (
	`id` text PRIMARY KEY NOT NULL,
	`app_id` text NOT NULL,
	`mode` text NOT NULL,
	`sandbox_id` text,
	`account_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`destination_last4` text NOT NULL,
	`destination_number` text NOT NULL,
	`available_after` integer NOT NULL,
	`arrival_at` integer NOT NULL,
	`failure_code` text,
	`failure_message` text,
	`description` text,
	`request_id` text,
	`created_at` integer NOT NULL,
	`paid_at` integer,
	`failed_at` integer,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payouts_amount_positive" CHECK("payouts"."amount" > 0),
	CONSTRAINT "payouts_within_available" CHECK("payouts"."available_after" >= 0)
);
--> statement-breakpoint
CREATE INDEX `payouts_app_idx` ON `payouts` (`app_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `payouts_due_idx` ON `payouts` (`status`,`arrival_at`);--> statement-breakpoint
CREATE TABLE `pricing` (
	`plan` text NOT NULL,
	`product` text NOT NULL,
	`rate_ppm` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`plan`, `product`),
	CONSTRAINT "pricing_rate_range" CHECK("pricing"."rate_ppm" >= 0 AND "pricing"."rate_ppm" <= 1000000)
);
--> statement-breakpoint
ALTER TABLE `loan_refunds` ADD `fee` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_loans` (
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
	`fee` integer DEFAULT 0 NOT NULL,
	`fee_refunded` integer DEFAULT 0 NOT NULL,
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
	CONSTRAINT "loans_principal_positive" CHECK("__new_loans"."principal" > 0),
	CONSTRAINT "loans_outstanding_within_principal" CHECK("__new_loans"."principal_outstanding" >= 0 AND "__new_loans"."principal_outstanding" <= "__new_loans"."principal"),
	CONSTRAINT "loans_refunds_within_principal" CHECK("__new_loans"."amount_refunded" >= 0 AND "__new_loans"."amount_refunded" <= "__new_loans"."principal"),
	CONSTRAINT "loans_version_current" CHECK("__new_loans"."version" >= 0),
	CONSTRAINT "loans_fee_within_principal" CHECK("__new_loans"."fee" >= 0 AND "__new_loans"."fee" <= "__new_loans"."principal"),
	CONSTRAINT "loans_fee_refunded_within_fee" CHECK("__new_loans"."fee_refunded" >= 0 AND "__new_loans"."fee_refunded" <= "__new_loans"."fee"),
	CONSTRAINT "loans_fee_refund_whole" CHECK("__new_loans"."amount_refunded" < "__new_loans"."principal" OR "__new_loans"."fee_refunded" = "__new_loans"."fee")
);
--> statement-breakpoint
INSERT INTO `__new_loans`("id", "app_id", "mode", "sandbox_id", "customer_id", "consent_id", "one_off_consent_id", "offer_id", "decision_id", "plan", "apr", "principal", "currency", "principal_outstanding", "amount_refunded", "interest_paid", "status", "order_reference", "receivable_account_id", "merchant_account_id", "deposit_account_id", "customer_account_id", "version", "request_id", "created_at", "closed_at") SELECT "id", "app_id", "mode", "sandbox_id", "customer_id", "consent_id", "one_off_consent_id", "offer_id", "decision_id", "plan", "apr", "principal", "currency", "principal_outstanding", "amount_refunded", "interest_paid", "status", "order_reference", "receivable_account_id", "merchant_account_id", "deposit_account_id", "customer_account_id", "version", "request_id", "created_at", "closed_at" FROM `loans`;--> statement-breakpoint
DROP TABLE `loans`;--> statement-breakpoint
ALTER TABLE `__new_loans` RENAME TO `loans`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `loans_offer_uq` ON `loans` (`offer_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `loans_decision_uq` ON `loans` (`decision_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `loans_one_off_consent_uq` ON `loans` (`one_off_consent_id`);--> statement-breakpoint
CREATE INDEX `loans_app_idx` ON `loans` (`app_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `loans_customer_idx` ON `loans` (`customer_id`,`status`);--> statement-breakpoint
CREATE INDEX `loans_sandbox_status_idx` ON `loans` (`mode`,`sandbox_id`,`status`);--> statement-breakpoint
CREATE TABLE `__new_payments` (
	`id` text PRIMARY KEY NOT NULL,
	`app_id` text NOT NULL,
	`mode` text NOT NULL,
	`consent_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`debtor_account_id` text NOT NULL,
	`creditor_account_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`amount_refunded` integer DEFAULT 0 NOT NULL,
	`fee` integer DEFAULT 0 NOT NULL,
	`fee_refunded` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`failure_code` text,
	`failure_message` text,
	`description` text,
	`reference` text,
	`request_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`consent_id`) REFERENCES `consents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payments_amount_positive" CHECK("__new_payments"."amount" > 0),
	CONSTRAINT "payments_refunds_within_amount" CHECK("__new_payments"."amount_refunded" >= 0 AND "__new_payments"."amount_refunded" <= "__new_payments"."amount"),
	CONSTRAINT "payments_refunds_only_succeeded" CHECK("__new_payments"."status" = 'succeeded' OR "__new_payments"."amount_refunded" = 0),
	CONSTRAINT "payments_fee_within_amount" CHECK("__new_payments"."fee" >= 0 AND "__new_payments"."fee" <= "__new_payments"."amount"),
	CONSTRAINT "payments_fee_refunded_within_fee" CHECK("__new_payments"."fee_refunded" >= 0 AND "__new_payments"."fee_refunded" <= "__new_payments"."fee"),
	CONSTRAINT "payments_fee_refund_whole" CHECK("__new_payments"."amount_refunded" < "__new_payments"."amount" OR "__new_payments"."fee_refunded" = "__new_payments"."fee")
);
--> statement-breakpoint
INSERT INTO `__new_payments`("id", "app_id", "mode", "consent_id", "customer_id", "debtor_account_id", "creditor_account_id", "amount", "currency", "amount_refunded", "status", "failure_code", "failure_message", "description", "reference", "request_id", "created_at") SELECT "id", "app_id", "mode", "consent_id", "customer_id", "debtor_account_id", "creditor_account_id", "amount", "currency", "amount_refunded", "status", "failure_code", "failure_message", "description", "reference", "request_id", "created_at" FROM `payments`;--> statement-breakpoint
DROP TABLE `payments`;--> statement-breakpoint
ALTER TABLE `__new_payments` RENAME TO `payments`;--> statement-breakpoint
CREATE INDEX `payments_app_idx` ON `payments` (`app_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `payments_customer_idx` ON `payments` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `payments_consent_idx` ON `payments` (`consent_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `refunds` ADD `fee` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- DOMAIN.md "Merchant money" default rates, in parts per million of the amount.
INSERT INTO `pricing` (`plan`, `product`, `rate_ppm`, `updated_at`) VALUES
	('default', 'payment', 5000, 0),
	('default', 'pay_in_4', 40000, 0),
	('default', 'installments_3', 30000, 0),
	('default', 'installments_6', 30000, 0),
	('default', 'installments_12', 30000, 0),
	('default', 'credit_line_draw', 25000, 0);
--> statement-breakpoint
-- Merchant accounts moved before balance transactions existed get theirs (no fee was charged then),
-- so every merchant balance equals the sum of its balance transactions from the start.
INSERT INTO `balance_transactions` (`id`, `mode`, `account_id`, `app_id`, `journal_id`, `type`, `amount`, `fee`, `net`, `currency`, `source`, `available_at`, `created_at`)
SELECT 'txn_' || substr(MIN(e.`id`), 5), j.`mode`, e.`account_id`, a.`owner_id`, e.`journal_id`,
	CASE j.`kind` WHEN 'loan_refund' THEN 'refund' ELSE j.`kind` END,
	-SUM(e.`amount`), 0, -SUM(e.`amount`), e.`currency`, j.`reference_id`, MIN(e.`created_at`), MIN(e.`created_at`)
FROM `journal_entries` e
JOIN `ledger_accounts` a ON a.`id` = e.`account_id` AND a.`type` = 'merchant_settlement'
JOIN `journals` j ON j.`id` = e.`journal_id`
GROUP BY e.`journal_id`, e.`account_id`;
