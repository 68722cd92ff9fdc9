-- Population per area of an association, issue 3 item 3 ("participants per district
-- against the district's population where provided"); see src/store/population_repo.hpp.
-- Portable SQL for SQLite 3.40+ and PostgreSQL 15+, as 0001_init.sql.
--
-- area_code is a district code of domain/reference_places (e.g. 'RINKEBY_KISTA') or a
-- kommunkod (e.g. '0180'): the same values the report's district and kommun dimensions
-- use, so a follow-up row finds its population by its value. The figures are the
-- association's own (entered under Administration -> Befolkning), not fetched from SCB.

CREATE TABLE area_population (
    forbund_id BIGINT NOT NULL REFERENCES forbund(id),
    area_code TEXT NOT NULL,
    population INTEGER NOT NULL CHECK (population > 0),
    PRIMARY KEY (forbund_id, area_code)
);
