CREATE TABLE `consents` (
	`id` text PRIMARY KEY NOT NULL,
	`app_id` text NOT NULL,
	`customer_id` text,
	`mode` text NOT NULL,
	`scopes` text NOT NULL,
	`authorization_details` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`authorised_at` integer,
	`expires_at` integer,
	`revoked_at` integer,
	`revoked_by` text,
	`consumed_at` integer
);
--> statement-breakpoint
CREATE INDEX `consents_app_idx` ON `consents` (`app_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `consents_customer_idx` ON `consents` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `authorization_codes` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`app_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`consent_id` text NOT NULL,
	`redirect_uri` text NOT NULL,
	`code_challenge` text NOT NULL,
	`scopes` text NOT NULL,
	`dpop_jkt` text,
	`grant_id` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
CREATE TABLE `customer_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`customer_id` text,
	`csrf_token` text NOT NULL,
	`password_at` integer,
	`second_factor_at` integer,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `developer_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`developer_id` text NOT NULL,
	`app_id` text,
	`created_at` integer NOT NULL,
	`expires_at` integer
);
--> statement-breakpoint
CREATE TABLE `par_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`app_id` text NOT NULL,
	`params` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
CREATE TABLE `refresh_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`grant_id` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`rotated_at` integer
);
--> statement-breakpoint
CREATE INDEX `refresh_tokens_grant_idx` ON `refresh_tokens` (`grant_id`);--> statement-breakpoint
CREATE TABLE `revoked_access_tokens` (
	`jti` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `seen_jtis` (
	`kind` text NOT NULL,
	`jti_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`kind`, `jti_hash`)
);
--> statement-breakpoint
CREATE INDEX `seen_jtis_expiry_idx` ON `seen_jtis` (`expires_at`);--> statement-breakpoint
CREATE TABLE `signing_keys` (
	`kid` text PRIMARY KEY NOT NULL,
	`alg` text NOT NULL,
	`public_jwk` text NOT NULL,
	`private_jwk` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`retired_at` integer
);
--> statement-breakpoint
CREATE TABLE `token_grants` (
	`id` text PRIMARY KEY NOT NULL,
	`app_id` text NOT NULL,
	`customer_id` text,
	`consent_id` text,
	`scopes` text NOT NULL,
	`dpop_jkt` text,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_reason` text
);
--> statement-breakpoint
CREATE INDEX `token_grants_consent_idx` ON `token_grants` (`consent_id`);