-- The request id moves to its own column (clients may repeat their X-Request-Id); rows get an ascending key.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_request_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`app_id` text NOT NULL,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`operation` text NOT NULL,
	`status` integer NOT NULL,
	`latency_ms` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_request_log`("request_id", "app_id", "method", "path", "operation", "status", "latency_ms", "created_at") SELECT "id", "app_id", "method", "path", "operation", "status", "latency_ms", "created_at" FROM `request_log` ORDER BY "created_at";--> statement-breakpoint
DROP TABLE `request_log`;--> statement-breakpoint
ALTER TABLE `__new_request_log` RENAME TO `request_log`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `request_log_app_idx` ON `request_log` (`app_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `request_log_created_idx` ON `request_log` (`created_at`);