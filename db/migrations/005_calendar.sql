-- The working-day calendar (DOMAIN.md "Time"), as data. By default Monday to Friday are working days and
-- Saturday and Sunday are not; each year's official table (State Council notice, published around November)
-- lists the exceptions. A year present in calendar_years has its official table loaded, even one without
-- exceptions; a deadline in a year that is absent is provisional.
CREATE TABLE calendar_years (
  year      integer PRIMARY KEY,
  source    text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now(),
  loaded_by text NOT NULL
);

-- HOLIDAY: a statutory holiday, a day off even on a weekday. WORKDAY: a make-up working day (调休), a weekend
-- day that is worked. A load replaces all the rows of its year.
CREATE TABLE calendar_days (
  date date PRIMARY KEY,
  year integer NOT NULL REFERENCES calendar_years (year) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('HOLIDAY', 'WORKDAY')),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 50),
  CHECK (extract(year FROM date) = year),
  CHECK (kind <> 'WORKDAY' OR extract(isodow FROM date) IN (6, 7))
);
CREATE INDEX calendar_days_year ON calendar_days (year);
