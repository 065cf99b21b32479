import { Injectable } from '@nestjs/common';
import { NotificationStore, type NotificationFilter, type NotificationRow } from '../infrastructure/notification.store';

/** Reads of the delivery log for GET /notifications: the caller's local authority only. */
@Injectable()
export class NotificationLog {
  constructor(private readonly store: NotificationStore) {}

  list(filter: NotificationFilter): Promise<{ rows: NotificationRow[]; total: number }> {
    return this.store.list(filter);
  }
}
