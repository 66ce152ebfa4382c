-- Records remember who asked (the consent, or NULL for the app alone). Records stored before this
-- migration read as the app alone: for their remaining hours a consent-bound retry gets 422.
ALTER TABLE `idempotency_keys` ADD `consent_id` text;