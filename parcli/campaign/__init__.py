"""The appraisal campaign (DESIGN §12): the yearly cycle of self-assessment, appraisal in two
rounds and explanation, run offline from one folder.

- :mod:`parcli.campaign.config`: campaign.yaml's model and checks;
- :mod:`parcli.campaign.clock`: Vietnam's time, stages and deadline states;
- :mod:`parcli.campaign.db`: campaign.db (SQLite) and received/;
- :mod:`parcli.campaign.values`: exact values and the workbooks' keyed digest;
- :mod:`parcli.campaign.cycle`: what goes out, what comes back, the state, the results.

For the minutes (issue 23): :func:`parcli.campaign.cycle.leaf_record` gives, per unit, every
leaf's claimed, round 1 and final points with the reasons and the unit's explanation, as plain data.
"""
