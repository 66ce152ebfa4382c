CREATE TABLE `auth_state_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `auth_state_version` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `auth_state_version_token_grants_update` AFTER UPDATE OF `status`, `revoked_reason`, `app_id`, `consent_id` ON `token_grants` BEGIN UPDATE `auth_state_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `auth_state_version_token_grants_delete` AFTER DELETE ON `token_grants` BEGIN UPDATE `auth_state_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `auth_state_version_revoked_access_tokens_insert` AFTER INSERT ON `revoked_access_tokens` BEGIN UPDATE `auth_state_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `auth_state_version_apps_update` AFTER UPDATE ON `apps` BEGIN UPDATE `auth_state_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `auth_state_version_apps_delete` AFTER DELETE ON `apps` BEGIN UPDATE `auth_state_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `auth_state_version_consents_update` AFTER UPDATE OF `status`, `expires_at`, `customer_id`, `app_id` ON `consents` BEGIN UPDATE `auth_state_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `auth_state_version_consents_delete` AFTER DELETE ON `consents` BEGIN UPDATE `auth_state_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `auth_state_version_sandboxes_update` AFTER UPDATE OF `clock_offset_ms`, `clock_frozen_at` ON `sandboxes` BEGIN UPDATE `auth_state_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `auth_state_version_sandboxes_delete` AFTER DELETE ON `sandboxes` BEGIN UPDATE `auth_state_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
