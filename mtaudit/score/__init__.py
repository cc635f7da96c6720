"""Score: the calibrated quality model, the scorer (score, flag, verdict) and calibration."""
