CREATE INDEX `idempotency_keys_expiry_idx` ON `idempotency_keys` (`expires_at`);--> statement-breakpoint
CREATE INDEX `request_log_created_idx` ON `request_log` (`created_at`);