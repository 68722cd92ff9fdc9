-- Key generations (issue 5, item 6; security/keyring.hpp, services/key_rotation.hpp).
-- A controller without rows here has only generation 1. `foljsam keys rotate` records the
-- generation it leaves and the new one, moves every identity to the new one in batches,
-- and then sets retired_at on the older ones. No foreign key to organisation, so undoing
-- an import that created a controller is never blocked by its key history.
CREATE TABLE key_generation (
    controller_org_id BIGINT NOT NULL,
    generation INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    retired_at TEXT,
    PRIMARY KEY (controller_org_id, generation)
);

-- The generation the row's lookup hash and sealed values are under.
ALTER TABLE person_identity ADD COLUMN key_generation INTEGER NOT NULL DEFAULT 1;
CREATE INDEX person_identity_generation ON person_identity (controller_org_id, key_generation, person_id);
