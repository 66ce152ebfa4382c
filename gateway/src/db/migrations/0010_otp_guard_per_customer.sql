CREATE TABLE `customer_otp_guards` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`lockouts` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`locked_at` integer,
	`updated_at` integer NOT NULL
);
