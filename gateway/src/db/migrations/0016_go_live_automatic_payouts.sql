CREATE TABLE `go_live_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`developer_id` text NOT NULL,
	`sandbox_app_id` text NOT NULL,
	`legal_name` text NOT NULL,
	`country` text NOT NULL,
	`website` text NOT NULL,
	`payout_account_number` text NOT NULL,
	`payout_holder_name` text NOT NULL,
	`products` text NOT NULL,
	`redirect_uris` text NOT NULL,
	`jwks` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`decided_by` text,
	`decided_at` integer,
	`live_app_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`developer_id`) REFERENCES `developers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `go_live_requests_developer_idx` ON `go_live_requests` (`developer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `go_live_requests_status_idx` ON `go_live_requests` (`status`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `go_live_requests_pending_uq` ON `go_live_requests` (`sandbox_app_id`) WHERE "go_live_requests"."status" = 'requested';--> statement-breakpoint
ALTER TABLE `payout_accounts` ADD `automatic` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `payouts` ADD `automatic_for` text;--> statement-breakpoint
CREATE UNIQUE INDEX `payouts_automatic_day_uq` ON `payouts` (`app_id`,`automatic_for`);