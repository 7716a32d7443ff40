{{ dbt.generate_series(10) }}
