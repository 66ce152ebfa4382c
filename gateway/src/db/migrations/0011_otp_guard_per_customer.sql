-- Wrong one-time codes are counted per customer, whatever the session.
CREATE TABLE `customer_otp_guards` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`lockouts` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`locked_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
-- Initial access tokens issued before tokens had an expiry get the 30 days every new one has.
UPDATE `developer_tokens` SET `expires_at` = `created_at` + 2592000000 WHERE `kind` = 'initial_access' AND `expires_at` IS NULL;
