"""Notes: 调整理由, 调整依据 and the rest that staff write once per adjusted 事项.

Above the reports: it may import the changes, the reports and the editions;
nothing lower imports it.
"""
