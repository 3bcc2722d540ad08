"""Pages of the trainings app, one module per area (as `competencies/views/`)."""
