"""Results of survey periods: IKM, NRR, trends, comparisons, suggestions, reports."""
