CREATE TABLE `developer_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`developer_id` text NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `developer_sessions_developer_idx` ON `developer_sessions` (`developer_id`);--> statement-breakpoint
CREATE TABLE `previous_client_secrets` (
	`app_id` text PRIMARY KEY NOT NULL,
	`secret_hash` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `product_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`app_id` text NOT NULL,
	`product` text NOT NULL,
	`mode` text NOT NULL,
	`status` text NOT NULL,
	`requested_by` text NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`note` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `product_subscriptions_app_product_mode_uq` ON `product_subscriptions` (`app_id`,`product`,`mode`);--> statement-breakpoint
CREATE INDEX `product_subscriptions_status_idx` ON `product_subscriptions` (`status`);