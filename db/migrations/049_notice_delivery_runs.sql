-- Each delivery is durable Temporal work (issue 23): the relay beside the worker starts one `noticeDelivery` workflow
-- per delivery, with an id derived from the delivery's (`notice-delivery-<id>`, then `-r<run>` for the office's
-- retries), and marks the row started. A crash between the start and the mark starts it again, which Temporal refuses
-- as a duplicate: each delivery is sent by one workflow run, once.
ALTER TABLE notice_deliveries ADD COLUMN run integer NOT NULL DEFAULT 0;
ALTER TABLE notice_deliveries ADD COLUMN started_at timestamptz;
CREATE INDEX notice_deliveries_unstarted ON notice_deliveries (created_at) WHERE state = 'PENDING' AND started_at IS NULL;
