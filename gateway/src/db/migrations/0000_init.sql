CREATE TABLE `apps` (
	`id` text PRIMARY KEY NOT NULL,
	`developer_id` text NOT NULL,
	`sandbox_id` text,
	`mode` text NOT NULL,
	`name` text NOT NULL,
	`logo_uri` text,
	`merchant_name` text NOT NULL,
	`merchant_account_id` text NOT NULL,
	`redirect_uris` text NOT NULL,
	`token_endpoint_auth_method` text NOT NULL,
	`client_secret_hash` text,
	`jwks` text,
	`jwks_uri` text,
	`scopes` text NOT NULL,
	`dpop_required` integer DEFAULT true NOT NULL,
	`plan` text DEFAULT 'sandbox' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`developer_id`) REFERENCES `developers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sandbox_id`) REFERENCES `sandboxes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `apps_developer_idx` ON `apps` (`developer_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`app_id` text,
	`request_id` text,
	`details` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_target_idx` ON `audit_log` (`target_type`,`target_id`);--> statement-breakpoint
CREATE INDEX `audit_log_created_idx` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE TABLE `credit_inquiries` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`kind` text NOT NULL,
	`app_id` text,
	`requester` text NOT NULL,
	`purpose` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `credit_inquiries_customer_idx` ON `credit_inquiries` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `customer_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`kind` text NOT NULL,
	`currency` text NOT NULL,
	`ledger_account_id` text,
	`credit_limit` integer,
	`current_balance` integer,
	`opened_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customer_accounts_customer_idx` ON `customer_accounts` (`customer_id`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`mode` text NOT NULL,
	`sandbox_id` text,
	`login` text,
	`password_hash` text,
	`totp_secret` text,
	`name` text NOT NULL,
	`email` text,
	`home_country` text NOT NULL,
	`currency` text NOT NULL,
	`monthly_income` integer NOT NULL,
	`monthly_debt_obligations` integer NOT NULL,
	`credit_frozen` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`sandbox_id`) REFERENCES `sandboxes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_login_uq` ON `customers` (`mode`,`sandbox_id`,`login`);--> statement-breakpoint
CREATE INDEX `customers_sandbox_idx` ON `customers` (`sandbox_id`);--> statement-breakpoint
CREATE TABLE `developers` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text,
	`role` text DEFAULT 'developer' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `developers_email_uq` ON `developers` (`email`);--> statement-breakpoint
CREATE TABLE `device_sightings` (
	`id` text PRIMARY KEY NOT NULL,
	`jkt` text NOT NULL,
	`customer_id` text NOT NULL,
	`seen_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `device_sightings_jkt_idx` ON `device_sightings` (`jkt`,`seen_at`);--> statement-breakpoint
CREATE INDEX `device_sightings_customer_idx` ON `device_sightings` (`customer_id`,`seen_at`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`app_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` text NOT NULL,
	`response_status` integer,
	`response_body` text,
	`locked_until` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`app_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `journal_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`journal_id` text NOT NULL,
	`account_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`journal_id`) REFERENCES `journals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `ledger_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "journal_entries_nonzero" CHECK("journal_entries"."amount" <> 0)
);
--> statement-breakpoint
CREATE INDEX `journal_entries_journal_idx` ON `journal_entries` (`journal_id`);--> statement-breakpoint
CREATE INDEX `journal_entries_account_idx` ON `journal_entries` (`account_id`);--> statement-breakpoint
CREATE TABLE `journals` (
	`id` text PRIMARY KEY NOT NULL,
	`mode` text NOT NULL,
	`kind` text NOT NULL,
	`reference_id` text NOT NULL,
	`description` text NOT NULL,
	`request_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `journals_reference_uq` ON `journals` (`kind`,`reference_id`);--> statement-breakpoint
CREATE INDEX `journals_created_idx` ON `journals` (`created_at`);--> statement-breakpoint
CREATE TABLE `ledger_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`mode` text NOT NULL,
	`type` text NOT NULL,
	`normal_balance` text NOT NULL,
	`currency` text NOT NULL,
	`balance` integer DEFAULT 0 NOT NULL,
	`owner_type` text NOT NULL,
	`owner_id` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "ledger_accounts_no_overdraft" CHECK("ledger_accounts"."type" NOT IN ('customer_deposit', 'merchant_settlement') OR "ledger_accounts"."balance" >= 0),
	CONSTRAINT "ledger_accounts_normal_balance" CHECK("ledger_accounts"."normal_balance" IN ('debit', 'credit'))
);
--> statement-breakpoint
CREATE INDEX `ledger_accounts_owner_idx` ON `ledger_accounts` (`owner_type`,`owner_id`);--> statement-breakpoint
CREATE TABLE `outbox_events` (
	`id` text PRIMARY KEY NOT NULL,
	`app_id` text NOT NULL,
	`mode` text NOT NULL,
	`type` text NOT NULL,
	`data` text NOT NULL,
	`request_id` text,
	`created_at` integer NOT NULL,
	`dispatched_at` integer
);
--> statement-breakpoint
CREATE INDEX `outbox_events_app_idx` ON `outbox_events` (`app_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `outbox_events_pending_idx` ON `outbox_events` (`dispatched_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `repayments` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`customer_account_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`due_at` integer NOT NULL,
	`paid_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_account_id`) REFERENCES `customer_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `repayments_customer_due_idx` ON `repayments` (`customer_id`,`due_at`);--> statement-breakpoint
CREATE TABLE `sandboxes` (
	`id` text PRIMARY KEY NOT NULL,
	`developer_id` text NOT NULL,
	`clock_offset_ms` integer DEFAULT 0 NOT NULL,
	`clock_frozen_at` integer,
	`seeded_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`developer_id`) REFERENCES `developers`(`id`) ON UPDATE no action ON DELETE no action
);
