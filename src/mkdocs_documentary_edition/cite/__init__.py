"""Citations: bibliography entries as CSL items, the CSL processor, and notes formatted in reading order."""
