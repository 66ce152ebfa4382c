PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_credit_line_limit_offers` (
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
	CONSTRAINT "credit_line_limit_offers_raise" CHECK("__new_credit_line_limit_offers"."offered_limit" > "__new_credit_line_limit_offers"."current_limit"),
	CONSTRAINT "credit_line_limit_offers_status" CHECK("__new_credit_line_limit_offers"."status" IN ('offered', 'accepted', 'declined', 'expired') AND ("__new_credit_line_limit_offers"."status" = 'offered') = ("__new_credit_line_limit_offers"."answered_at" IS NULL))
);
--> statement-breakpoint
INSERT INTO `__new_credit_line_limit_offers`("id", "line_id", "customer_id", "statement_id", "app_id", "mode", "currency", "current_limit", "offered_limit", "status", "score_band", "experiment_arm", "model_version", "pd", "created_at", "expires_at", "answered_at") SELECT "id", "line_id", "customer_id", "statement_id", "app_id", "mode", "currency", "current_limit", "offered_limit", "status", "score_band", "experiment_arm", "model_version", "pd", "created_at", "expires_at", "answered_at" FROM `credit_line_limit_offers`;--> statement-breakpoint
DROP TABLE `credit_line_limit_offers`;--> statement-breakpoint
ALTER TABLE `__new_credit_line_limit_offers` RENAME TO `credit_line_limit_offers`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `credit_line_limit_offers_statement_uq` ON `credit_line_limit_offers` (`line_id`,`statement_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `credit_line_limit_offers_pending_uq` ON `credit_line_limit_offers` (`line_id`) WHERE "credit_line_limit_offers"."status" = 'offered';--> statement-breakpoint
CREATE INDEX `credit_line_limit_offers_line_idx` ON `credit_line_limit_offers` (`line_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `credit_line_limit_offers_customer_idx` ON `credit_line_limit_offers` (`customer_id`,`answered_at`);--> statement-breakpoint
CREATE INDEX `credit_line_limit_offers_expiry_idx` ON `credit_line_limit_offers` (`status`,`expires_at`);