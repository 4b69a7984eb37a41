// Plan rendering arrives with PlanReport.
