CREATE TABLE `api_product_scopes` (
	`product_id` text NOT NULL,
	`scope` text NOT NULL,
	`consent_text` text NOT NULL,
	PRIMARY KEY(`product_id`, `scope`),
	FOREIGN KEY (`product_id`) REFERENCES `api_products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_product_scopes_scope_uq` ON `api_product_scopes` (`scope`);--> statement-breakpoint
CREATE TABLE `api_product_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`version` text NOT NULL,
	`document` text NOT NULL,
	`upstream_url` text NOT NULL,
	`role` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `api_products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `api_product_versions_product_idx` ON `api_product_versions` (`product_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `api_products` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`owner_team` text NOT NULL,
	`status` text NOT NULL,
	`timeout_ms` integer NOT NULL,
	`stable_version_id` text,
	`canary_version_id` text,
	`canary_share` integer DEFAULT 0 NOT NULL,
	`deprecated_at` integer,
	`sunset_at` integer,
	`retired_at` integer,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `developers` ADD `team` text;